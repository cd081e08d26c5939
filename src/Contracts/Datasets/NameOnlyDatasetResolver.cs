using System.Security.Cryptography;
using System.Text;

namespace Sweeps.Contracts.Datasets;

/// <summary>Resolves any reference without touching the disk: the name is the reference's file name
/// without extension and the "hash" is SHA-256 of <c>name-only:&lt;name&gt;</c>. For dry runs, tests and
/// benchmarks; such ids never match those of real data.</summary>
public sealed class NameOnlyDatasetResolver : IDatasetResolver
{
    public DatasetResolution Resolve(string reference)
    {
        var name = Path.GetFileNameWithoutExtension(reference);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("name-only:" + name)));
        return DatasetResolution.Found(new DatasetIdentity(name, reference, hash));
    }
}
