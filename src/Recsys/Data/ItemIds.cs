namespace Sweeps.Recsys.Data;

/// <summary>Id 0 is the padding slot of every model, so a file may not use it (or negatives) for an item.</summary>
public static class ItemIds
{
    public const int Padding = 0;

    public static void RequirePositive(int item, string path, long lineNumber)
    {
        if (item <= Padding)
            throw new DatasetFormatException(path, lineNumber, "item ids >= 1 (0 is reserved for padding)");
    }
}
