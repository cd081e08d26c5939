using System.Text;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Yaml;

namespace Sweeps.Contracts.Sweeps;

/// <summary>Reads and validates a sweep file. Every error of the file is collected and reported at once
/// (<see cref="SweepValidationException"/>); nothing can be expanded from a file with any error.</summary>
public static class SweepParser
{
    /// <summary>Sweep files are short; a larger one is a mistake or an attack on the parser.</summary>
    public const long MaxFileBytes = 1 << 20;

    public static SweepSpec ParseFile(string path, IDatasetResolver resolver)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new SweepValidationException([new SweepError(path, 1, 1, "no such sweep file")]);
        if (file.Length > MaxFileBytes) throw TooLarge(path, file.Length);
        return Parse(File.ReadAllText(path), path, resolver);
    }

    public static SweepSpec Parse(string yaml, string fileName, IDatasetResolver resolver) =>
        TryParse(yaml, fileName, resolver, out var spec, out var errors) ? spec! : throw new SweepValidationException(errors);

    public static bool TryParse(string yaml, string fileName, IDatasetResolver resolver,
        out SweepSpec? spec, out IReadOnlyList<SweepError> errors)
    {
        spec = null;
        var size = Encoding.UTF8.GetByteCount(yaml);
        if (size > MaxFileBytes)
        {
            errors = TooLarge(fileName, size).Errors;
            return false;
        }
        var collector = new ErrorCollector(fileName);
        var reader = new YamlTreeReader();
        var root = reader.Read(yaml);
        foreach (var (mark, message) in reader.Problems) collector.Add(mark, message);
        if (root is not null && !collector.HasErrors)
        {
            var document = new SweepReader(collector).Read(root);
            spec = new SweepValidator(collector, resolver).Validate(document);
        }
        errors = collector.Sorted();
        if (errors.Count > 0) spec = null;
        return spec is not null;
    }

    private static SweepValidationException TooLarge(string file, long size) =>
        new([new SweepError(file, 1, 1, $"the file is {size} bytes; sweep files are limited to {MaxFileBytes} bytes")]);
}
