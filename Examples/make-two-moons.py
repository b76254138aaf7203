"""Writes the example point clouds of the README's `swiftot ot` section (run from the package root).

two-moons-source.csv: 64 points on two interleaved half circles (noise 0.05);
two-moons-target.csv: 64 points of a Gaussian blob centred between the moons (standard deviation 0.5).
Seeded with numpy's default_rng(2026): rerunning gives the same files.
"""
import numpy as np

rng = np.random.default_rng(2026)
n = 64
theta = np.pi * rng.uniform(size=n)
moon = rng.integers(0, 2, size=n)[:, None]
upper = np.c_[np.cos(theta), np.sin(theta)]
lower = np.c_[1 - np.cos(theta), 0.5 - np.sin(theta)]
source = np.where(moon == 0, upper, lower) + 0.05 * rng.normal(size=(n, 2))
target = np.array([0.5, 0.25]) + 0.5 * rng.normal(size=(n, 2))
for name, points in [("source", source), ("target", target)]:
    np.savetxt(f"Examples/two-moons-{name}.csv", points, delimiter=",", fmt="%.6f", header="x,y", comments="")
