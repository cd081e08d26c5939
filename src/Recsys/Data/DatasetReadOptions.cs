namespace Sweeps.Recsys.Data;

/// <param name="MinDate">Keep only timestamped interactions on or after this (UTC) date. Ignored by the
/// layouts without timestamps. Null means no limit, except for Yelp, where it means
/// <see cref="DefaultYelpMinDate"/> because the FPARec paper uses only records from 2019 on.</param>
public sealed record DatasetReadOptions(DateOnly? MinDate = null)
{
    public static readonly DateOnly DefaultYelpMinDate = new(2019, 1, 1);

    public static DatasetReadOptions Default { get; } = new();
}
