namespace Sweeps.Coordinator.Exchange;

/// <summary>An export file that cannot be imported; the message names the file and line.</summary>
public sealed class ExchangeFormatException(string message) : Exception(message);
