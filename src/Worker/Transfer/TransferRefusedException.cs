namespace Sweeps.Worker.Transfer;

/// <summary>The coordinator answered, and refused to serve the file (the message says why).</summary>
public sealed class TransferRefusedException(string message) : Exception(message);
