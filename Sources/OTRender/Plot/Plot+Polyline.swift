extension Plot {
    /// The pixel polylines of a line series: one run per stretch of placeable points (a NaN, an
    /// infinity or a non-positive value on a log axis ends a run).
    ///
    /// When the x values never decrease and a run has more than two points per horizontal pixel,
    /// the run is thinned per pixel column to its first, lowest, highest and last points, in their
    /// original order. The drawn line then covers the same pixels (every column keeps its vertical
    /// extent and its entry and exit points) with at most four vertices per column, so a
    /// 100,000-step loss curve stays a small file.
    /// - Complexity: O(points).
    static func polylineRuns(_ s: PlotSeries, xMap: AxisMap, yMap: AxisMap) -> [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        var increasing = true
        var previousX = -Double.infinity
        for (vx, vy) in zip(s.x, s.y) {
            if let px = xMap.pixel(vx), let py = yMap.pixel(vy) {
                current.append((px, py))
                increasing = increasing && vx >= previousX
                previousX = vx
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        let columns = abs(xMap.end - xMap.start)
        guard increasing else { return runs }
        return runs.map { $0.count > 2 * Int(columns) + 8 ? thinnedPerColumn($0) : $0 }
    }

    /// `run` reduced to the first, lowest, highest and last point of every pixel column
    /// (`floor(x)`), in order. Expects non-decreasing x.
    static func thinnedPerColumn(_ run: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        var out: [(x: Double, y: Double)] = []
        var start = 0
        while start < run.count {
            let column = run[start].x.rounded(.down)
            var end = start
            var lowest = start
            var highest = start
            while end < run.count && run[end].x.rounded(.down) == column {
                if run[end].y < run[lowest].y { lowest = end }
                if run[end].y > run[highest].y { highest = end }
                end += 1
            }
            // Indices in increasing order, each once.
            var previous = -1
            for i in [start, Swift.min(lowest, highest), Swift.max(lowest, highest), end - 1] where i > previous {
                out.append(run[i])
                previous = i
            }
            start = end
        }
        return out
    }
}
