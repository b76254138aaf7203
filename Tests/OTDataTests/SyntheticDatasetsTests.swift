import OTData
import OTKernels
import Testing
import _OTTestSupport

@Suite struct SyntheticDatasetsTests {
    /// Euclidean length of `(x, y)`.
    func norm(_ x: Double, _ y: Double) -> Double { (x * x + y * y).squareRoot() }

    @Test func centersLieWhereDocumented() {
        let ring = SyntheticDatasets.ringCenters(modes: 4, radius: 3.0)
        // cos(pi / 2) is 6e-17 in Double, so the zeros are 3 * 6e-17 = 2e-16 away from exact.
        #expect(maxAbsoluteDifference(ring, Matrix([[3, 0], [0, 3], [-3, 0], [0, -3]])) < 1e-15)
        #expect(SyntheticDatasets.gridCenters(side: 3, spacing: 1.0)
            == Matrix([[-1, -1], [0, -1], [1, -1], [-1, 0], [0, 0], [1, 0], [-1, 1], [0, 1], [1, 1]]))
    }

    @Test func ringMixtureHasModesAtTheRadius() {
        let (n, k, radius, sigma) = (4000, 8, 2.0, 0.05)
        var rng = Xoshiro256(seed: 1)
        let data = SyntheticDatasets.ringMixture(
            count: n, modes: k, radius: radius, standardDeviation: sigma, using: &rng)
        let centers = SyntheticDatasets.ringCenters(modes: k, radius: radius)
        #expect(data.points.shape == (n, 2) && data.labels.allSatisfy { (0..<k).contains($0) })
        var radiusSum = 0.0
        var sums = Array(repeating: (x: 0.0, y: 0.0, count: 0), count: k)
        for i in 0..<n {
            let (x, y, j) = (data.points[i, 0], data.points[i, 1], data.labels[i])
            // |p - c| / sigma is Rayleigh: P(> 6) = exp(-18) = 1.5e-8, 6e-5 over 4000 points.
            #expect(norm(x - centers[j, 0], y - centers[j, 1]) < 6 * sigma)
            radiusSum += norm(x, y)
            sums[j].x += x
            sums[j].y += y
            sums[j].count += 1
        }
        // Mean radius: R + sigma^2 / (2R) = R + 6e-4 of bias, standard error sigma / sqrt(n) = 8e-4.
        #expect(abs(radiusSum / Double(n) - radius) < 0.005)
        for j in 0..<k {
            // Counts are Binomial(4000, 1/8): mean 500, sd 21; 5 sd = 105.
            #expect(abs(sums[j].count - n / k) < 105)
            // Each mode's sample mean: standard error sigma / sqrt(~500) = 0.0022; 5 se < 0.0125.
            let count = Double(sums[j].count)
            #expect(abs(sums[j].x / count - centers[j, 0]) < 0.0125 && abs(sums[j].y / count - centers[j, 1]) < 0.0125)
        }
    }

    @Test func gridMixtureCoversTheGrid() {
        let (n, sigma) = (5000, 0.05)
        var rng = Xoshiro256(seed: 2)
        let data = SyntheticDatasets.gridMixture(count: n, standardDeviation: sigma, using: &rng)
        let centers = SyntheticDatasets.gridCenters(side: 5, spacing: 2.0)
        #expect(data.points.shape == (n, 2) && Set(data.labels) == Set(0..<25))
        var mean = 0.0, meanSquare = 0.0
        for i in 0..<n {
            let j = data.labels[i]
            // Rayleigh tail as above: exp(-18) per point.
            #expect(norm(data.points[i, 0] - centers[j, 0], data.points[i, 1] - centers[j, 1]) < 6 * sigma)
            mean += data.points[i, 0] / Double(n)
            meanSquare += data.points[i, 0] * data.points[i, 0] / Double(n)
        }
        // x is uniform on {-4, -2, 0, 2, 4} plus noise: mean 0 (se sqrt(8 / 5000) = 0.04, 5 se = 0.2),
        // variance 8 + sigma^2 (se sqrt((mu4 - 64) / n) = 0.095 with mu4 = 108.8; 5 se < 0.5).
        #expect(abs(mean) < 0.2)
        #expect(abs(meanSquare - mean * mean - 8) < 0.5)
    }

    @Test func swissRollRadiusEqualsAngle() {
        var rng = Xoshiro256(seed: 3)
        let (points, positions) = SyntheticDatasets.swissRoll(count: 1000, scale: 0.5, using: &rng)
        #expect(points.shape == (1000, 2) && positions.count == 1000)
        for i in 0..<1000 {
            let t = positions[i]
            #expect(t >= 1.5 * Double.pi && t < 4.5 * Double.pi)
            // Without noise the point is exactly scale * t * (cos t, sin t), up to a few roundings.
            #expect(abs(norm(points[i, 0], points[i, 1]) - 0.5 * t) < 1e-12 * t)
            #expect(abs(points[i, 0] - 0.5 * t * Double.cos(t)) < 1e-12 * t)
        }
        // t is uniform on [1.5 pi, 4.5 pi): mean 3 pi, se (3 pi / sqrt 12) / sqrt(1000) = 0.086; 5 se = 0.43.
        let meanPosition = positions.reduce(0, +) / 1000
        #expect(abs(meanPosition - 3 * Double.pi) < 0.43)
    }

    @Test func twoMoonsLieOnTheirHalfCircles() {
        var rng = Xoshiro256(seed: 4)
        let data: LabeledPoints<Double> = SyntheticDatasets.twoMoons(count: 2000, using: &rng)
        let p = data.points
        for i in 0..<2000 {
            if data.labels[i] == 0 {
                #expect(abs(norm(p[i, 0], p[i, 1]) - 1) < 1e-12 && p[i, 1] >= 0)
            } else {
                #expect(data.labels[i] == 1)
                #expect(abs(norm(p[i, 0] - 1, p[i, 1] - 0.5) - 1) < 1e-12 && p[i, 1] <= 0.5)
            }
        }
        // Moon counts are Binomial(2000, 1/2): sd 22.4; 5 sd = 112.
        #expect(abs(data.labels.count { $0 == 0 } - 1000) < 112)
        // With noise 0.1, moon 0 has mean (E cos, E sin) = (0, 2 / pi) for theta ~ U[0, pi):
        // se of x sqrt((1/2 + 0.01) / ~1000) = 0.023, of y sqrt((1/2 - 4/pi^2 + 0.01) / ~1000) = 0.010.
        let noisy = SyntheticDatasets.twoMoons(count: 2000, noise: 0.1 as Double, using: &rng)
        let moon0 = noisy.points.rows(at: noisy.labels.indices.filter { noisy.labels[$0] == 0 })
        let meanX = moon0.column(0).reduce(0, +) / Double(moon0.rows)
        let meanY = moon0.column(1).reduce(0, +) / Double(moon0.rows)
        #expect(abs(meanX) < 0.12 && abs(meanY - 2 / Double.pi) < 0.05)
    }

    @Test func samplesAreReproducibleAndAgreeAcrossPrecisions() {
        var a = Xoshiro256(seed: 9), b = Xoshiro256(seed: 9), c = Xoshiro256(seed: 10), f = Xoshiro256(seed: 9)
        let first: LabeledPoints<Double> = SyntheticDatasets.ringMixture(count: 100, using: &a)
        let again: LabeledPoints<Double> = SyntheticDatasets.ringMixture(count: 100, using: &b)
        let other: LabeledPoints<Double> = SyntheticDatasets.ringMixture(count: 100, using: &c)
        let single: LabeledPoints<Float> = SyntheticDatasets.ringMixture(count: 100, using: &f)
        #expect(first == again && first != other)
        #expect(single.labels == first.labels)
        // Float rounds the center (|c| <= 2), sigma, the normal draw and the sum: a few ulps of 2,
        // i.e. ~1e-6; 1e-5 leaves a margin and still fails if the streams differed.
        #expect(maxAbsoluteDifference(single.points.converted(to: Double.self), first.points) < 1e-5)
    }
}
