using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

public sealed partial class SchemaDatabase
{
    /// <summary>
    /// Proves at startup that the database is there: opens a pooled connection, runs <c>SELECT version()</c> and
    /// logs the server's version, or throws an error that says what to check.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when the server has answered.</returns>
    /// <exception cref="SchemaConnectionException">The server is unreachable, did not answer in time or refused the login.</exception>
    public async ValueTask CheckConnectionAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var command = new NpgsqlCommand("SELECT current_setting('server_version')", connection);
            await using var commandScope = command.ConfigureAwait(false);
            var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string ?? "?";
            DatabaseLog.Connected(Logger, version, DisplayName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (SchemaConnectionException exception)
        {
            DatabaseLog.ConnectFailed(Logger, DisplayName, exception.Message);
            throw;
        }
        catch (NpgsqlException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = TranslateConnectionFailure(exception) ?? ConnectionFailures.Lost(exception, Target, 1);
            DatabaseLog.ConnectFailed(Logger, DisplayName, failure.Message);
            throw failure;
        }
    }

    /// <summary>
    /// Runs <c>SELECT 1</c> through the pool and reports whether it answered within <paramref name="timeout"/>: the
    /// check behind a readiness endpoint. Never throws for a database problem; the reason says what is wrong, without
    /// a password.
    /// </summary>
    /// <param name="timeout">How long to wait for the answer; <see langword="null"/> for 5 seconds.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The result: <see cref="SchemaHealthReport.Status"/> is <c>ok</c> or <c>error: &lt;reason&gt;</c>.</returns>
    public async ValueTask<SchemaHealthReport> CheckHealthAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            var connection = await DataSource.OpenConnectionAsync(deadline.Token).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var command = new NpgsqlCommand("SELECT 1", connection);
            await using var commandScope = command.ConfigureAwait(false);
            await command.ExecuteScalarAsync(deadline.Token).ConfigureAwait(false);
            return SchemaHealthReport.Healthy(Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unhealthy($"no answer within {limit.TotalSeconds:0.#} s from {Target.Endpoint}", started, exception: null);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            var reason = TranslateOpenFailure(exception, SchemaSessionTarget.Primary) is { } failure
                ? ShortReason(failure)
                : Target.Scrub(exception is PostgresException postgres ? $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})" : exception.Message);
            return Unhealthy(reason, started, exception);
        }
    }

    private SchemaHealthReport Unhealthy(string reason, long started, Exception? exception)
    {
        DatabaseLog.Unhealthy(Logger, DisplayName, reason);
        return SchemaHealthReport.Unhealthy(reason, Stopwatch.GetElapsedTime(started), exception);
    }

    /// <summary>The first sentence of the translated message: what happened, without the advice.</summary>
    private static string ShortReason(SchemaConnectionException failure)
    {
        var message = failure.Message;
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
