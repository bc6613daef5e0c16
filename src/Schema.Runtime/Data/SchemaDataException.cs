using System;

namespace Schemata;

/// <summary>A value read from the database does not fit the C# model (an unknown enum label, a missing column, no value for a non-nullable scalar).</summary>
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

    /// <summary>The error for a result that has a column the entity reads more than once.</summary>
    internal static SchemaDataException AmbiguousColumn(string entity, string column, int count)
        => new(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"The query result has {count} columns named \"{column}\", which {entity} reads; which one is meant cannot be told. " +
            $"Select the columns of one table only (e.g. \"t.*\" rather than \"a.*, t.*\"), or give the others another name (AS)."));

    /// <summary>The error for <c>ScalarAsync&lt;T&gt;</c> of a non-nullable value type when the query returned no row.</summary>
    internal static SchemaDataException NoScalarRow(string type)
        => new($"The query returned no row, so there is no {type} to return (and 0 or default would read as a real value). " +
               $"Ask for ScalarAsync<{type}?> to get null when there is no row, or make the query always return one (an aggregate such as count(*), or coalesce).");

    /// <summary>The error for <c>ScalarAsync&lt;T&gt;</c> of a non-nullable value type when the value read is NULL.</summary>
    internal static SchemaDataException NullScalar(string type)
        => new($"The query returned NULL, which a {type} cannot hold. Ask for ScalarAsync<{type}?> to get null, or use coalesce in the query.");
}
