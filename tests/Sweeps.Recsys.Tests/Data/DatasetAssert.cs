using Sweeps.Recsys.Data;

namespace Sweeps.Recsys.Tests.Data;

public static class DatasetAssert
{
    public static void HasSequences(InteractionDataset dataset, params int[][] expected)
    {
        Assert.Equal(expected.Length, dataset.UserCount);
        for (var user = 0; user < expected.Length; user++)
            Assert.Equal(expected[user], dataset.Sequence(user).ToArray());
    }

    public static DatasetFormatException ThrowsAt(string file, long line, Action read)
    {
        var error = Assert.Throws<DatasetFormatException>(read);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains($"{Path.GetFileName(file)}:{line}:", error.Message);
        return error;
    }
}
