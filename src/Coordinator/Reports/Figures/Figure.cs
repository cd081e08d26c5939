namespace Sweeps.Coordinator.Reports.Figures;

/// <summary>A figure as plain data, independent of how it is drawn. <see cref="Name"/> is its file
/// name without extension.</summary>
public abstract record Figure(string Name, string Title);

/// <summary>A matrix drawn as a heatmap, row 0 at the top; its rows and columns are slots, by default
/// query slot i down and key slot j across, as in an attention matrix.</summary>
public sealed record HeatmapFigure(string Name, string Title, double[,] Values, string RowLabel = "query slot i", string ColumnLabel = "key slot j")
    : Figure(Name, Title);

/// <summary>Lines with a shaded spread (e.g. median over seeds, min to max). <see cref="XTicks"/>, when
/// set, are the only x positions labelled: a swept setting has no values between those tried.</summary>
public sealed record LineFigure(string Name, string Title, string XLabel, string YLabel, IReadOnlyList<LineSeries> Series,
    IReadOnlyList<double>? XTicks = null)
    : Figure(Name, Title);

public sealed record LineSeries(string Label, IReadOnlyList<SpreadPoint> Points);

public sealed record SpreadPoint(double X, double Y, double Low, double High);

/// <summary>Each seed's value of every config as a dot, one colour per seed, its median as a bar, one row
/// per config in the order given (the first at the top): how far apart the seeds of a config land,
/// whether one config's seeds all sit above another's, and whether a seed lands high or low in every
/// config alike (the configs then differ less than their spreads suggest), which a median and a
/// shaded range alone do not show.</summary>
public sealed record SeedsFigure(string Name, string Title, string ValueLabel, IReadOnlyList<SeedGroup> Groups)
    : Figure(Name, Title);

public sealed record SeedGroup(string Label, double Median, IReadOnlyList<SeedValue> Values);

public readonly record struct SeedValue(int Seed, double Value);
