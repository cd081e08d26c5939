namespace Sweeps.Cluster.Grains;

/// <summary>A chunk of a file on the wire (see <see cref="Worker.Transfer.FileChunk"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record WireChunk([property: Id(0)] byte[] Data, [property: Id(1)] long Length, [property: Id(2)] string? Refusal);

[GenerateSerializer, Immutable]
public sealed record WireFile([property: Id(0)] string Name, [property: Id(1)] long Length, [property: Id(2)] string Sha256);

[GenerateSerializer, Immutable]
public sealed record WireCheckpoint([property: Id(0)] int Epoch, [property: Id(1)] WireFile[] Files);

/// <summary>An upload on the wire (see <see cref="Worker.Transfer.Upload"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record WireUpload(
    [property: Id(0)] string JobId,
    [property: Id(1)] string AttemptToken,
    [property: Id(2)] int Kind,
    [property: Id(3)] int Epoch);
