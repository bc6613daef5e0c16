using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata;

/// <summary>
/// The <c>schema</c> commands any app gets with one line at the top of its Program.cs:
/// <code>if (SchemaCommands.Handles(args)) return await SchemaCommands.RunAsync(args, Schema.Model);</code>
/// <c>schema script</c> prints the DDL (no database), <c>schema plan</c> the SQL an apply would run,
/// <c>schema apply [--allow-destructive] [--allow-hazards] [--allow-older-model] [--repair-drift]</c> applies, <c>schema status</c> reports, <c>schema drop --confirm</c>
/// removes every object of the model. Apply, plan, status and drop connect through <c>DATABASE_MIGRATE_URL</c>
/// (else <c>DATABASE_URL</c>). Exit codes are in <see cref="SchemaExitCodes"/>.
/// </summary>
public static class SchemaCommands
{
    /// <summary>The first argument that selects these commands: <c>schema</c>.</summary>
    public const string CommandName = "schema";

    /// <summary>Whether <paramref name="args"/> are a <c>schema</c> command (the first argument is <c>schema</c>).</summary>
    /// <param name="args">The process arguments.</param>
    /// <returns><see langword="true"/> when <see cref="RunAsync(IReadOnlyList{string}, SchemaModel, CancellationToken)"/> should run them.</returns>
    public static bool Handles(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && string.Equals(args[0], CommandName, StringComparison.Ordinal);
    }

    /// <summary>Runs a <c>schema</c> command, writing to the console.</summary>
    /// <param name="args">The process arguments, starting with <c>schema</c>.</param>
    /// <param name="model">The generated model: <c>Schema.Model</c>.</param>
    /// <param name="cancellationToken">Cancels the command; an apply leaves nothing half-done.</param>
    /// <returns>The exit code (<see cref="SchemaExitCodes"/>).</returns>
    public static ValueTask<int> RunAsync(IReadOnlyList<string> args, SchemaModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);

        // The process is this command's: its code may be compiled ahead on a second core, as a profile of the last run says.
        CommandJitProfile.Start(args, Environment.GetEnvironmentVariable);
        return RunAsync(args, model, Console.Out, Console.Error, cancellationToken);
    }

    /// <summary>Runs a <c>schema</c> command, writing to the given writers.</summary>
    /// <param name="args">The process arguments, starting with <c>schema</c>.</param>
    /// <param name="model">The generated model: <c>Schema.Model</c>.</param>
    /// <param name="output">Where results go (SQL, status).</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="cancellationToken">Cancels the command; an apply leaves nothing half-done.</param>
    /// <returns>The exit code (<see cref="SchemaExitCodes"/>).</returns>
    public static ValueTask<int> RunAsync(IReadOnlyList<string> args, SchemaModel model, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
        => RunAsync(args, model, output, error, Environment.GetEnvironmentVariable, cancellationToken);

    internal static async ValueTask<int> RunAsync(
        IReadOnlyList<string> args, SchemaModel model, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(model);
        var runner = new SchemaCommandRunner(model, output, error, environment);
        var root = new RootCommand("Schema commands") { runner.Build() };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Usage: schema script | plan | apply [--allow-destructive] [--allow-hazards] [--allow-older-model] [--repair-drift] | status | drop --confirm   (schema --help for more)").ConfigureAwait(false);
            return SchemaExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
