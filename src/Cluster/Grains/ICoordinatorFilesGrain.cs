namespace Sweeps.Cluster.Grains;

/// <summary>The coordinator's files as workers on other machines call for them, one chunk per call
/// (see <see cref="Worker.Transfer.ICoordinatorFiles"/>, which <c>GrainCoordinatorFiles</c> maps onto
/// this). One activation, on the coordinator silo.</summary>
public interface ICoordinatorFilesGrain : IGrainWithIntegerKey
{
    Task<WireChunk> ReadDataset(string name, string sha256, long offset, int length);

    Task<WireCheckpoint?> DescribeCheckpoint(string jobId);

    Task<WireChunk> ReadCheckpoint(string jobId, string file, long offset, int length);

    Task<bool> BeginUpload(WireUpload upload);

    Task<bool> WriteUpload(WireUpload upload, string file, long offset, byte[] data);

    Task<string?> CommitUpload(WireUpload upload, WireFile[] files);

    Task DiscardCheckpoint(string jobId, string attemptToken);

    /// <summary>The one files grain of a cluster.</summary>
    const long Key = 0;
}
