namespace Sweeps.Recsys.Data;

/// <summary>The "on or after a date" cut of the raw timestamped formats, compared in UTC seconds.</summary>
public readonly struct MinDateFilter
{
    private readonly long _minUnixSeconds;

    public MinDateFilter(DateOnly? minDate)
    {
        _minUnixSeconds = minDate is { } date
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds()
            : long.MinValue;
    }

    public bool Keeps(long unixSeconds) => unixSeconds >= _minUnixSeconds;
}
