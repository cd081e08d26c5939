namespace Sweeps.Coordinator.Store.Rows;

/// <summary>One point of a job's training curve.</summary>
public sealed class EpochRow
{
    public required string JobId { get; set; }
    public int Epoch { get; set; }
    public double Loss { get; set; }
    public double Seconds { get; set; }
    public string? ValidJson { get; set; }
    public string? TestJson { get; set; }
}
