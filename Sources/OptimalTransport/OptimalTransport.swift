// The OptimalTransport module; its content arrives with its issue.
