using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Sweeps.Cluster.Hosting;

/// <summary>Mutual TLS for silo-to-silo and gateway traffic: every silo (and every client, such as
/// <c>sweeps doctor --cluster</c>) presents a certificate signed by the cluster's own certificate
/// authority and accepts a peer only if its certificate chains to that authority. Peers are reached by
/// IP address, so the name in a certificate is not checked: holding a certificate of the authority is
/// what admits a process to the cluster.</summary>
public sealed class ClusterTls
{
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2 _authority;

    private ClusterTls(X509Certificate2 certificate, X509Certificate2 authority) => (_certificate, _authority) = (certificate, authority);

    /// <summary>Loads PEM files: this process's certificate, its private key, and the authority's certificate.</summary>
    /// <exception cref="InvalidOperationException">A file is missing or not what it should be, named in the message.</exception>
    public static ClusterTls Load(string certificateFile, string keyFile, string authorityFile)
    {
        X509Certificate2 certificate;
        try { certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"--tls-cert {certificateFile} with --tls-key {keyFile}: not a PEM certificate and its private key ({e.GetType().Name})");
        }
        X509Certificate2 authority;
        try { authority = X509CertificateLoader.LoadCertificateFromFile(authorityFile); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"--tls-ca {authorityFile}: not a PEM or DER certificate ({e.GetType().Name})");
        }
        // Exported and read back: a key attached from a PEM file is ephemeral, which SslStream refuses on some platforms.
        return new ClusterTls(X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null), authority);
    }

    public ISiloBuilder Apply(ISiloBuilder silo) => silo.UseTls(_certificate, Configure);

    public IClientBuilder Apply(IClientBuilder client) => client.UseTls(_certificate, Configure);

    private void Configure(TlsOptions options)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, _) => IsIssuedByAuthority(certificate);
    }

    /// <summary>Whether <paramref name="certificate"/> chains to this cluster's authority (and to nothing else).</summary>
    public bool IsIssuedByAuthority(X509Certificate2? certificate)
    {
        if (certificate is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
