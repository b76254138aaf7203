import SwiftOTCLI

SwiftOT.main()
