namespace Sweeps.Coordinator.Reports;

/// <summary>The statistics of Table 2 for one dataset, computed by whoever can read the data file.</summary>
public sealed record DatasetFigures(int Users, int Items, long Interactions, double AverageLength);
