using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flint.Cli.Moto;

/// <summary>
/// A certificate authority made for one run and a server certificate it signed for 127.0.0.1, written as PEM files:
/// what a TLS front for moto_server presents, and a trust bundle (the machine's CA bundle plus this CA) that a
/// bootstrap trusts through OpenSSL's standard variables, as it would trust S3's certificate on Lambda.
/// </summary>
internal sealed class RunCertificates : IDisposable
{
    /// <summary>Where Debian, Amazon Linux/Fedora and openSUSE keep the system CA bundle (OpenSSL's default file).</summary>
    private static readonly string[] SystemBundles = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem"];

    private RunCertificates(string directory, X509Certificate2 authority)
    {
        Directory = directory;
        Authority = authority;
    }

    /// <summary>The folder holding the files; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>The run's CA (public part).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate (PEM), for 127.0.0.1 and localhost.</summary>
    public string ServerCertificate => Path.Combine(Directory, "server.pem");

    /// <summary>Its private key (PEM).</summary>
    public string ServerKey => Path.Combine(Directory, "server.key");

    /// <summary>The machine's CA bundle followed by the run's CA: what <c>SSL_CERT_FILE</c> names.</summary>
    public string TrustBundle => Path.Combine(Directory, "ca-bundle.pem");

    /// <summary>Amazon Trust Services' five roots (deploy/aws-roots.pem) plus the run's CA, standing in for S3's: what a function trusting only AWS's roots loads.</summary>
    public string AwsRootsBundle => Path.Combine(Directory, "aws-roots.pem");

    /// <summary>An empty folder for <c>SSL_CERT_DIR</c>, so only the bundle is loaded (Amazon Linux keeps its roots in the bundle).</summary>
    public string EmptyCertificateDirectory => Path.Combine(Directory, "certs");

    /// <summary>
    /// The variables a process needs to trust the server certificate: <c>SSL_CERT_FILE</c> and <c>SSL_CERT_DIR</c>, read
    /// by OpenSSL and by .NET's root store on Linux.
    /// </summary>
    /// <param name="awsRootsOnly">Trust <see cref="AwsRootsBundle"/> instead of the machine's bundle plus the run's CA.</param>
    public IReadOnlyDictionary<string, string> TrustEnvironment(bool awsRootsOnly) => new Dictionary<string, string>
    {
        ["SSL_CERT_FILE"] = awsRootsOnly ? AwsRootsBundle : TrustBundle,
        ["SSL_CERT_DIR"] = EmptyCertificateDirectory,
    };

    /// <summary>Makes the CA and the server certificate (RSA 2048, as S3's own certificates are) in a new temporary folder.</summary>
    /// <param name="awsRoots">The PEM file of AWS's roots (deploy/aws-roots.pem), added to <see cref="AwsRootsBundle"/>.</param>
    public static RunCertificates Create(string awsRoots)
    {
        // The machine's bundle, as this process's OpenSSL would find it: without one, "TLS as on Lambda" would
        // quietly measure a one-root store.
        var system = new[] { Environment.GetEnvironmentVariable("SSL_CERT_FILE") }.Concat(SystemBundles).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"no system CA bundle (SSL_CERT_FILE, {string.Join(", ", SystemBundles)}) to trust next to the run's CA");
        var directory = Path.Combine(Path.GetTempPath(), "flint-tls-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "certs"));
        try
        {
            return Write(directory, system, awsRoots);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true); // it holds a private key
            throw;
        }
    }

    private static RunCertificates Write(string directory, string systemBundle, string awsRoots)
    {
        var now = DateTimeOffset.UtcNow;

        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Flint cold-start run CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(12));

        var certificates = new RunCertificates(directory, X509CertificateLoader.LoadCertificate(ca.RawData));
        File.WriteAllText(certificates.ServerCertificate, server.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
        File.WriteAllText(certificates.ServerKey, serverKey.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(certificates.TrustBundle, File.ReadAllText(systemBundle) + "\n" + ca.ExportCertificatePem() + "\n");
        File.WriteAllText(certificates.AwsRootsBundle, File.ReadAllText(awsRoots) + "\n" + ca.ExportCertificatePem() + "\n");
        return certificates;
    }

    /// <summary>A chain policy that trusts this run's CA and nothing else (for the harness's own HttpClient).</summary>
    public X509ChainPolicy TrustPolicy()
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(Authority);
        return policy;
    }

    public void Dispose()
    {
        Authority.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
