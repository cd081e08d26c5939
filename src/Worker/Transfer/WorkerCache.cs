namespace Sweeps.Worker.Transfer;

/// <summary>A cluster worker's local folder (<c>sweeps worker --cache</c>): nothing in it must survive
/// the worker, since the coordinator holds the originals.</summary>
/// <remarks><c>datasets/&lt;sha256&gt;.txt</c>: datasets fetched from the coordinator, kept for the next
/// job that names them; <c>checkpoints/&lt;job id&gt;/</c>: each job's checkpoint, sent to the coordinator
/// after every evaluation; <c>weights/&lt;job id&gt;.swt</c>: kept weights until the coordinator has them.</remarks>
public sealed record WorkerCache(string Root)
{
    public string Datasets => Path.Combine(Root, "datasets");
    public string Checkpoints => Path.Combine(Root, "checkpoints");
    public string Weights => Path.Combine(Root, "weights");

    public string DatasetFile(string sha256) => Path.Combine(Datasets, sha256 + ".txt");
}
