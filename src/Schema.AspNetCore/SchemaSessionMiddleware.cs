using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Schemata;

/// <summary>
/// Ends each request's session: commits just before the response starts when the status is below 400 (so a
/// client never sees success for work that did not commit), rolls back when the endpoint throws or answers with an
/// error status. Database errors that escape the endpoint become problem details a client can act on.
/// </summary>
internal sealed partial class SchemaSessionMiddleware(RequestDelegate next, ILogger<SchemaSessionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var scoped = context.RequestServices.GetRequiredService<SchemaScopedSession>();
        context.Response.OnStarting(static state =>
        {
            var (session, response) = ((SchemaScopedSession, HttpResponse))state;
            return session.CompleteAsync(response.StatusCode < 400).AsTask();
        }, (scoped, context.Response));

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            await scoped.CompleteAsync(succeeded: false).ConfigureAwait(false);
            if (context.Response.HasStarted)
            {
                // Too late for a problem response: nothing to translate for.
                throw;
            }

            var database = context.RequestServices.GetRequiredService<SchemaDatabase>();
            var translated = await SchemaErrors.TranslateAsync(database, exception, context.RequestAborted).ConfigureAwait(false);
            if (SchemaProblems.StatusFor(translated) is not { } status)
            {
                throw;
            }

            LogTranslated(logger, status, translated.GetType().Name, translated.Message, exception);
            await SchemaProblems.WriteAsync(context, status, translated).ConfigureAwait(false);
            return;
        }

        await scoped.CompleteAsync(context.Response.StatusCode < 400).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Warning, Message = "Request failed with {Status}: {ErrorType}: {ErrorMessage}")]
    private static partial void LogTranslated(ILogger logger, int status, string errorType, string errorMessage, Exception exception);
}
