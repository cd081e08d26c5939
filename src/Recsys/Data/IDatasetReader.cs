namespace Sweeps.Recsys.Data;

/// <summary>Reads one input layout into an <see cref="InteractionDataset"/>, users in order of first appearance.</summary>
public interface IDatasetReader
{
    DatasetFormat Format { get; }

    /// <exception cref="DatasetFormatException">A line does not match the layout.</exception>
    InteractionDataset Read(string path, DatasetReadOptions options);
}
