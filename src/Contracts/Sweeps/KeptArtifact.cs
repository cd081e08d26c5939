namespace Sweeps.Contracts.Sweeps;

/// <summary>What a sweep's <c>keep</c> key may ask to keep of its runs beyond their metrics.</summary>
public enum KeptArtifact
{
    /// <summary>The model's state at the end of training, for figures read from the trained weights.</summary>
    Weights,
}
