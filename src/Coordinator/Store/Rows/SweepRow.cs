namespace Sweeps.Coordinator.Store.Rows;

public sealed class SweepRow
{
    /// <summary>The sweep's name: submitting a sweep of the same name again updates it, which is what
    /// makes a second <c>sweeps run</c> of one file resume rather than start over.</summary>
    public required string Id { get; set; }
    public required string SourceText { get; set; }

    /// <summary>JSON array of the hyperparameter names chosen by validation.</summary>
    public required string TunedJson { get; set; }
    public bool Cancelled { get; set; }

    /// <summary>The sweep's <c>keep: [weights]</c>: its runs save their final weights beside the store.</summary>
    public bool KeepWeights { get; set; }

    /// <summary>The sweep's <c>device: {kind: …}</c>: any, cpu or cuda.</summary>
    public string DeviceKind { get; set; } = "any";
    public long CreatedAtMs { get; set; }
    public long UpdatedAtMs { get; set; }
}
