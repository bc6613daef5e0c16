using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// Turns PostgreSQL's errors into ones a caller can act on: a constraint violation becomes a
/// <see cref="SchemaConstraintException"/> naming the table, columns and constraint, a statement that ran past its
/// command timeout a <see cref="TimeoutException"/>; anything else (every other <see cref="PostgresException"/>
/// included, SQLSTATE intact) is returned as it is. <see cref="SchemaDatabase.RunAsync(Func{SchemaSession, CancellationToken, ValueTask}, SchemaUnitOfWorkOptions?, CancellationToken)"/>
/// and the ASP.NET Core request session translate for you; call this around a session you manage yourself.
/// </summary>
public static class SchemaErrors
{
    /// <summary>
    /// Translates <paramref name="exception"/> using what the error itself says: constraint and table always; the
    /// columns only when the connection string has <c>Include Error Detail=true</c> (Npgsql hides the detail by
    /// default, as it quotes values). <see cref="TranslateAsync"/> reads the columns from the catalog instead.
    /// </summary>
    /// <param name="exception">The failure, typically a <see cref="PostgresException"/> from generated code.</param>
    /// <returns>The translated exception, or <paramref name="exception"/> itself when there is nothing to translate.</returns>
    public static Exception Translate(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (CommandTimeouts.Is(exception))
        {
            return CommandTimeouts.Create(exception, seconds: null);
        }

        return exception is PostgresException postgres && ConstraintErrors.Kind(postgres.SqlState) is { } kind
            ? ConstraintErrors.Create(postgres, kind, ConstraintErrors.ColumnsFromDetail(postgres))
            : exception;
    }

    /// <summary>
    /// Translates <paramref name="exception"/>, reading the constraint's columns from the catalog when the error does
    /// not name them (check constraints, or a detail hidden from the role). The lookup runs on a separate pooled
    /// connection, is cached per constraint and never throws.
    /// </summary>
    /// <param name="database">The database the error came from.</param>
    /// <param name="exception">The failure.</param>
    /// <param name="cancellationToken">Cancels the catalog lookup (the translation then uses what the error says).</param>
    /// <returns>The translated exception, or <paramref name="exception"/> itself when there is nothing to translate.</returns>
    public static async ValueTask<Exception> TranslateAsync(SchemaDatabase database, Exception exception, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(exception);
        if (CommandTimeouts.Is(exception))
        {
            return CommandTimeouts.Create(exception, database.Target.CommandTimeoutSeconds);
        }

        if (exception is not PostgresException postgres || ConstraintErrors.Kind(postgres.SqlState) is not { } kind)
        {
            return exception;
        }

        IReadOnlyList<string> columns = ConstraintErrors.ColumnsFromDetail(postgres);
        string? referenced = null;
        if (columns.Count == 0 || kind == SchemaConstraintKind.ForeignKey)
        {
            var (found, foundReferenced) = await database.ConstraintColumns.LookupAsync(postgres, cancellationToken).ConfigureAwait(false);
            columns = columns.Count == 0 ? found : columns;
            referenced = foundReferenced;
        }

        return ConstraintErrors.Create(postgres, kind, columns, referenced);
    }
}
