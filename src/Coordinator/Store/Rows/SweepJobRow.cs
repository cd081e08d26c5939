namespace Sweeps.Coordinator.Store.Rows;

/// <summary>Membership of a job in a sweep; a job in two sweeps has two links and one row.</summary>
public sealed class SweepJobRow
{
    public required string SweepId { get; set; }
    public required string JobId { get; set; }
}
