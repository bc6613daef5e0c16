using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// CREATE DATABASE … TEMPLATE fails while anyone is connected to the template, and a connection closed a moment
/// ago may still be on its way out; a few short retries ride that out.
/// </summary>
internal static class TemplateRetry
{
    private const int Attempts = 20;

    internal static async ValueTask RunAsync(Func<ValueTask> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action().ConfigureAwait(false);
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ObjectInUse && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
