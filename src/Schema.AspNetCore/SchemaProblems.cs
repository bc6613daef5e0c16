using System;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Schemata;

/// <summary>Maps the runtime's errors to HTTP statuses and writes them as <c>application/problem+json</c>.</summary>
internal static class SchemaProblems
{
    internal static int? StatusFor(Exception exception) => exception switch
    {
        SchemaConstraintException { IsConflict: true } or SchemaConstraintException { Kind: SchemaConstraintKind.ForeignKey } => StatusCodes.Status409Conflict,
        SchemaConstraintException => StatusCodes.Status400BadRequest,
        SchemaValidationException => StatusCodes.Status400BadRequest,
        SchemaNotFoundException => StatusCodes.Status404NotFound,
        SchemaConnectionException or SchemaTransientException => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };

    internal static async Task WriteAsync(HttpContext context, int status, Exception exception)
    {
        var title = status switch
        {
            StatusCodes.Status409Conflict => "Conflict",
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status503ServiceUnavailable => "The database is unavailable; retry shortly",
            _ => "Invalid request",
        };

        // A connection error names host and port: fine for logs, not for a public client.
        var detail = status == StatusCodes.Status503ServiceUnavailable
            ? "The request could not reach the database. Retry in a moment."
            : exception.Message;
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteString("title", title);
        writer.WriteNumber("status", status);
        writer.WriteString("detail", detail);
        if (exception is SchemaConstraintException constraint)
        {
            writer.WriteString("constraint", constraint.ConstraintName);
            writer.WriteStartArray("columns");
            foreach (var column in constraint.Columns)
            {
                writer.WriteStringValue(column);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.Flush();
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
