using System.Text;

namespace Sweeps.Recsys.Data;

/// <summary>Writes layout <c>user item item …</c> with users numbered 1..UserCount in dataset order.</summary>
public static class UserSequenceWriter
{
    public static void Write(InteractionDataset dataset, string path) =>
        AtomicFile.Write(path, stream => Write(dataset, stream));

    public static void Write(InteractionDataset dataset, Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        writer.NewLine = "\n";
        var line = new StringBuilder();
        for (var user = 0; user < dataset.UserCount; user++)
        {
            line.Clear().Append(user + 1);
            foreach (var item in dataset.Sequence(user))
                line.Append(' ').Append(item);
            writer.WriteLine(line);
        }
    }
}
