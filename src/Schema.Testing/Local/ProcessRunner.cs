using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>
/// Runs the PostgreSQL tools, as another OS user when asked (initdb and pg_ctl refuse to run as root),
/// and collects their output for error messages.
/// </summary>
internal static class ProcessRunner
{
    internal readonly record struct Result(int ExitCode, string Output)
    {
        internal bool Succeeded => ExitCode == 0;
    }

    internal static async ValueTask<Result> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string? runAs,
        string workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(fileName, arguments, runAs, workingDirectory, environment);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return new Result(-1, $"{System.IO.Path.GetFileName(fileName)} did not finish within {timeout.TotalSeconds:0} s");
        }

        var output = string.Concat(await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        return new Result(process.ExitCode, output.Trim());
    }

    /// <summary>The blocking form, for process exit where nothing asynchronous may run any more.</summary>
    internal static Result Run(string fileName, IReadOnlyList<string> arguments, string? runAs, string workingDirectory, TimeSpan timeout)
    {
        using var process = Start(fileName, arguments, runAs, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            TryKill(process);
            return new Result(-1, "timed out");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, string.Concat(stdout.Result, stderr.Result).Trim());
    }

    /// <summary>
    /// Starts a process with every standard stream redirected, so that none of ours leaks into it; <paramref name="environment"/>
    /// adds variables (such as PGPASSFILE) after the caller's libpq variables are removed.
    /// </summary>
    internal static Process Start(
        string fileName, IReadOnlyList<string> arguments, string? runAs, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo
        {
            FileName = runAs is null ? fileName : "runuser",
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };

        if (runAs is not null)
        {
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(runAs);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // libpq variables of the caller's shell must not steer the throwaway server's tools.
        foreach (var variable in new[] { "PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGPASSWORD", "PGOPTIONS", "PGCTLTIMEOUT" })
        {
            info.Environment.Remove(variable);
        }

        info.Environment["LC_MESSAGES"] = "C";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
    }

    /// <summary>Kills the process and its children; one that has already exited is left alone.</summary>
    internal static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
