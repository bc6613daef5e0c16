using System;

namespace Schemata;

/// <summary>A value read from the database does not fit the C# model (an unknown enum label, a missing column).</summary>
public sealed class SchemaDataException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong, naming the table, column and value.</param>
    public SchemaDataException(string message)
        : base(message)
    {
    }

    /// <summary>The error for a label that no member of <paramref name="enumType"/> maps to.</summary>
    /// <param name="enumType">The C# enum name.</param>
    /// <param name="value">The label read.</param>
    /// <param name="table">The table.</param>
    /// <param name="column">The column.</param>
    /// <returns>The exception to throw.</returns>
    public static SchemaDataException UnknownEnumValue(string enumType, string value, string table, string column)
        => new($"Column {table}.{column} holds '{value}', which no member of enum {enumType} maps to. Add the member (or a [DbEnumValue(\"{value}\")]) or fix the data.");

    /// <summary>The error for a result without a column the entity needs.</summary>
    /// <param name="entity">The entity name.</param>
    /// <param name="column">The missing column.</param>
    /// <returns>The exception to throw.</returns>
    public static SchemaDataException MissingColumn(string entity, string column)
        => new($"The query result has no column \"{column}\", which {entity} needs (it is not nullable). Select it, or read into another type.");
}
