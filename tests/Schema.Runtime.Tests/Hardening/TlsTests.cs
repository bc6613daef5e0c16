using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Schemata.Tests.Hardening;

/// <summary>
/// A private server with ssl=on and a certificate from a throwaway CA: sslmode=require connects; verify-full without
/// the CA fails with an error that says why; verify-full with the CA (sslrootcert) connects.
/// </summary>
public sealed class TlsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "schema-tls-" + Guid.NewGuid().ToString("N"));
    private TestPostgres? _server;

    private string CaFile => Path.Combine(_folder, "ca.crt");

    public async Task InitializeAsync()
    {
        if (PostgresBinaries.FindNewest(null) is null)
        {
            throw new InvalidOperationException("The TLS tests need the PostgreSQL binaries for a private server (apt-get install -y postgresql).");
        }

        Directory.CreateDirectory(_folder);
        await OpenSslAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=Schema throwaway test CA", "-keyout", "ca.key", "-out", "ca.crt");
        await OpenSslAsync("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr");
        await File.WriteAllTextAsync(
            Path.Combine(_folder, "server.ext"),
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        await OpenSslAsync("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
            "-extfile", "server.ext", "-out", "server.crt");

        _server = await TestPostgres.StartAsync(
            TestPostgresDiscovery.LocalOnly,
            isShared: false,
            default,
            new TestPostgresOptions
            {
                ServerSettings = ["ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"],
                DataFiles = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["server.crt"] = await File.ReadAllTextAsync(Path.Combine(_folder, "server.crt")),
                    ["server.key"] = await File.ReadAllTextAsync(Path.Combine(_folder, "server.key")),
                },
            });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Sslmode_require_connects_over_tls()
    {
        await using var database = SchemaDatabase.Create(Settings(SslMode.Require).ConnectionString);
        Assert.True(await UsesTlsAsync(database), "The session is not encrypted although sslmode=require connected.");
    }

    [Fact]
    public async Task Verify_full_without_the_ca_fails_with_an_error_that_names_the_certificate()
    {
        var settings = Settings(SslMode.VerifyFull);
        await using var database = SchemaDatabase.Create(settings.ConnectionString);

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await UsesTlsAsync(database));

        output.WriteLine(error.Message);
        Assert.Contains("certificate", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(settings.Password!, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_full_without_the_ca_says_the_certificate_is_not_trusted_and_never_advises_turning_tls_off()
    {
        await using var database = SchemaDatabase.Create(Settings(SslMode.VerifyFull).ConnectionString);

        var error = await Assert.ThrowsAsync<SchemaConnectionException>(async () => await UsesTlsAsync(database));

        // The cause is an untrusted server certificate under verify-full: the fix is the CA (sslrootcert), and the
        // way out must not be a downgrade of the connection's security.
        Assert.True(
            error.Message.Contains("sslrootcert", StringComparison.Ordinal) && !error.Message.Contains("sslmode=disable", StringComparison.Ordinal),
            "BUG in src/Schema.Runtime/Connection/ConnectionFailures.cs (FromClient, the \"SSL\" branch): a verify-full connection whose server " +
            "certificate is not trusted fails with a generic SSL-handshake message that advises sslmode=prefer or sslmode=disable and does not " +
            $"say the certificate was not trusted or point to sslrootcert. Message: {error.Message}");
    }

    [Fact]
    public async Task Verify_full_with_the_ca_connects_by_url_and_by_keywords()
    {
        var settings = Settings(SslMode.VerifyFull);
        settings.RootCertificate = CaFile;
        await using (var byKeywords = SchemaDatabase.Create(settings.ConnectionString))
        {
            Assert.True(await UsesTlsAsync(byKeywords));
        }

        var url = $"postgresql://{settings.Username}:{settings.Password}@localhost:{settings.Port}/postgres?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(CaFile)}";
        await using var byUrl = SchemaDatabase.Create(url);
        Assert.True(await UsesTlsAsync(byUrl));
    }

    private NpgsqlConnectionStringBuilder Settings(SslMode mode) => new(_server!.ConnectionString)
    {
        Host = "localhost",
        SslMode = mode,
        Pooling = false,
        Timeout = 15,
    };

    private static async Task<bool> UsesTlsAsync(SchemaDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private async Task OpenSslAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = _folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start; install it (apt-get install -y openssl).");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"openssl {arguments[0]} failed: {await error}");
    }
}
