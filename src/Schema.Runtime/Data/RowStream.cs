using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// Stopping a stream of rows when its token is cancelled. Npgsql reads rows it has already buffered without looking at
/// the token, and closing a reader reads the rest of the result first; so a stream cancelled between rows cancels its
/// statement on the server (as Npgsql does when the token fires during a network read) and closes its reader without
/// waiting for rows that nobody will read.
/// </summary>
internal static class RowStream
{
    /// <summary>Throws <see cref="OperationCanceledException"/> once the token is cancelled, cancelling the statement first.</summary>
    public static void ThrowIfCancelled(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            command.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Closes the reader; after a cancellation, the statement's own error (it was cancelled) is not reported.</summary>
    public static async ValueTask CloseAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        try
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is (NpgsqlException or OperationCanceledException))
        {
            // The cancellation that is already propagating says what happened.
        }
    }
}
