using System;
using System.Collections.Generic;

namespace Schemata;

/// <summary>
/// A write broke a rule the schema declares: a unique value taken (a conflict), a foreign key with no row to point
/// to or a row still referenced, a check, a NOT NULL. The message names the table, the columns and the constraint
/// and says what to do; it never quotes the values that were written.
/// </summary>
/// <remarks>
/// Generated writes raise it themselves for a rule PostgreSQL does not check: an upsert whose conflict is a
/// soft-deleted row, and a restore whose parent is still soft-deleted; they have no inner exception. Otherwise it is
/// raised by <see cref="SchemaDatabase.RunAsync(Func{SchemaSession, System.Threading.CancellationToken, System.Threading.Tasks.ValueTask}, SchemaUnitOfWorkOptions?, System.Threading.CancellationToken)"/>,
/// by the ASP.NET Core request session and by <see cref="SchemaErrors.Translate(Exception)"/>, with the PostgreSQL
/// error as the <see cref="Exception.InnerException"/>, for logs.
/// </remarks>
public sealed class SchemaConstraintException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SchemaConstraintException()
        : this("A write broke a constraint of the schema.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    /// <param name="message">What was broken and what to do.</param>
    public SchemaConstraintException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception with the given message and cause.</summary>
    /// <param name="message">What was broken and what to do.</param>
    /// <param name="innerException">The PostgreSQL error.</param>
    public SchemaConstraintException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ConstraintName = string.Empty;
        TableName = string.Empty;
        Columns = [];
    }

    internal SchemaConstraintException(
        string message, SchemaConstraintKind kind, string constraintName, string tableName, IReadOnlyList<string> columns, string? referencedTable, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        ConstraintName = constraintName;
        TableName = tableName;
        Columns = columns;
        ReferencedTable = referencedTable;
    }

    /// <summary>Which kind of rule was broken.</summary>
    public SchemaConstraintKind Kind { get; }

    /// <summary>The constraint or unique index, e.g. <c>uq_users_email</c>; empty when PostgreSQL did not say.</summary>
    public string ConstraintName { get; }

    /// <summary>The table the constraint belongs to.</summary>
    public string TableName { get; }

    /// <summary>The constrained columns, in the constraint's order; empty when they could not be determined.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>For a foreign key, the other table involved; otherwise <see langword="null"/>.</summary>
    public string? ReferencedTable { get; }

    /// <summary>True for a unique violation: the natural HTTP answer is 409 Conflict.</summary>
    public bool IsConflict => Kind is SchemaConstraintKind.Unique or SchemaConstraintKind.Exclusion;
}
