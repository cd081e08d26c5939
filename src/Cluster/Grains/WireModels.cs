namespace Sweeps.Cluster.Grains;

/// <summary>A leased attempt on the wire. The job travels as its canonical JSON, the same bytes its
/// id hashes, so a worker rebuilds exactly the job the coordinator stored.</summary>
[GenerateSerializer, Immutable]
public sealed record LeasedAttempt(
    [property: Id(0)] string JobJson,
    [property: Id(1)] string AttemptToken,
    [property: Id(2)] int Attempt,
    [property: Id(3)] DateTimeOffset OfferedAt,
    [property: Id(4)] bool KeepWeights,
    [property: Id(5)] string Device);

/// <summary>A worker's report on the wire: its kind and its JSON (see <see cref="WireFormat"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record WireReport([property: Id(0)] string Kind, [property: Id(1)] string Json);

/// <summary>One silo as <c>sweeps doctor --cluster</c> shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloReport(
    [property: Id(0)] string Address,
    [property: Id(1)] string Name,
    [property: Id(2)] string Status,
    [property: Id(3)] string Roles,
    [property: Id(4)] string Devices,
    [property: Id(5)] int Slots,
    [property: Id(6)] int Leased);
