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

    /// <summary>Deletes what transfers cut short by an earlier worker's end left behind (their names
    /// start with '.'); called before this worker's first job, since one worker owns its cache.</summary>
    public void DropUnfinished()
    {
        foreach (var folder in new[] { Datasets, Checkpoints }.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, ".*")) File.Delete(file);
            foreach (var directory in Directory.EnumerateDirectories(folder, ".*")) Directory.Delete(directory, recursive: true);
        }
    }
}
