using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sweeps.Cluster.Tests;

/// <summary>A throw-away certificate authority and the PEM files of certificates it issues, as an
/// operator would make them with openssl.</summary>
internal sealed class TestCertificates
{
    private readonly string _directory;
    private readonly X509Certificate2 _authority = SelfSignedAuthority("CN=sweeps test authority");

    public TestCertificates(string directory)
    {
        _directory = directory;
        AuthorityFile = Write("authority.crt", _authority.ExportCertificatePem());
    }

    /// <summary>The authority's certificate as a PEM file, written once: silos that start side by side
    /// read it, and must not find it half rewritten.</summary>
    public string AuthorityFile { get; }

    /// <summary>PEM certificate and key files of a certificate issued by this authority.</summary>
    public (string Certificate, string Key) Issue(string name) => Files(name, Issue(_authority, name));

    /// <summary>PEM files of a certificate from another, unrelated authority.</summary>
    public (string Certificate, string Key) IssueByStranger(string name) =>
        Files(name, Issue(SelfSignedAuthority("CN=a stranger's authority"), name));

    private (string, string) Files(string name, X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()!;
        return (Write($"{name}.crt", certificate.ExportCertificatePem()), Write($"{name}.key", key.ExportPkcs8PrivateKeyPem()));
    }

    private string Write(string file, string pem)
    {
        var path = Path.Combine(_directory, file);
        File.WriteAllText(path, pem);
        return path;
    }

    private static X509Certificate2 SelfSignedAuthority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client authentication
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
