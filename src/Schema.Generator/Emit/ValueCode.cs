using System;
using System.Collections.Generic;
using System.Linq;
using Schemata.Generator.Building;
using Schemata.Generator.Parsing;
using Schemata.Generator.Shared;

namespace Schemata.Generator.Emit;

/// <summary>The C# that reads, writes and copies one column's value: the type-specific part of the emitted code.</summary>
internal static class ValueCode
{
    private const string Jsonb = "global::NpgsqlTypes.NpgsqlDbType.Jsonb";
    private static readonly string[] JsonTypes =
    [
        "global::System.Text.Json.JsonDocument", "global::System.Text.Json.JsonElement", "global::System.Text.Json.Nodes.JsonNode",
        "global::System.Text.Json.Nodes.JsonObject", "global::System.Text.Json.Nodes.JsonArray",
    ];

    /// <summary>The property's declared type, with <c>?</c> when nullable.</summary>
    public static string PropertyType(ColumnAccess c) => c.IsNullable ? c.ClrType + "?" : c.ClrType;

    /// <summary>The expression in a SELECT list: enums come back as text for the generated switch.</summary>
    public static string SelectExpression(ColumnAccess c)
    {
        var column = Sql.Quote(c.Column);
        return c.Enum is { NativeType: not null } ? column + "::text" + (c.IsArray ? "[]" : string.Empty) + " AS " + column : column;
    }

    /// <summary>The SQL placeholder for parameter <paramref name="position"/>, cast to a native enum type where needed.</summary>
    public static string Placeholder(ColumnAccess c, int position)
        => "$" + position.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (c.Enum is { NativeType: { } native } ? "::" + native + (c.IsArray ? "[]" : string.Empty) : string.Empty);

    /// <summary>Reads the column at ordinal <paramref name="ordinal"/> from the reader <c>reader</c>.</summary>
    public static string Read(ColumnAccess c, string ordinal, string table)
    {
        string value;
        if (c.Enum is { } e)
        {
            value = c.IsArray
                ? e.Mapper + ".FromDb(reader.GetFieldValue<string[]>(" + ordinal + "), " + CSharp.String(table) + ", " + CSharp.String(c.Column) + ")"
                : e.Mapper + ".FromDb(reader.GetString(" + ordinal + "), " + CSharp.String(table) + ", " + CSharp.String(c.Column) + ")";
            if (c.IsArray && c.ClrType.StartsWith("global::System.Collections.Generic.List<", StringComparison.Ordinal))
            {
                value = "new " + c.ClrType + "(" + value + ")";
            }
        }
        else if (IsJsonPoco(c))
        {
            value = "global::Schemata.SchemaJson.Deserialize<" + c.ClrType + ">(reader.GetString(" + ordinal + "))!";
        }
        else
        {
            value = "reader.GetFieldValue<" + c.ClrType + ">(" + ordinal + ")";
        }

        return c.IsNullable ? "reader.IsDBNull(" + ordinal + ") ? null : " + value : value;
    }

    /// <summary>A typed parameter holding <paramref name="value"/>.</summary>
    public static string Parameter(ColumnAccess c, string value)
    {
        if (c.Enum is { } e)
        {
            var type = c.IsArray ? "string[]" : "string";
            var bang = c.IsArray && !c.IsNullable ? "!" : string.Empty;
            return "new global::Npgsql.NpgsqlParameter<" + type + (c.IsNullable ? "?" : string.Empty) + "> { TypedValue = " + e.Mapper + ".ToDb(" + value + ")" + bang + " }";
        }

        if (c.Kind == StoreKind.Json)
        {
            if (IsJsonPoco(c))
            {
                var serialized = c.IsNullable
                    ? value + " is null ? null : global::Schemata.SchemaJson.Serialize(" + value + ")"
                    : "global::Schemata.SchemaJson.Serialize(" + value + ")";
                return "new global::Npgsql.NpgsqlParameter<string" + (c.IsNullable ? "?" : string.Empty) + "> { TypedValue = " + serialized + ", NpgsqlDbType = " + Jsonb + " }";
            }

            return "new global::Npgsql.NpgsqlParameter<" + PropertyType(c) + "> { TypedValue = " + value + ", NpgsqlDbType = " + Jsonb + " }";
        }

        return "new global::Npgsql.NpgsqlParameter<" + PropertyType(c) + "> { TypedValue = " + Utc(c, value) + " }";
    }

    /// <summary>timestamptz stores an instant: Npgsql takes only UTC offsets, so any offset is converted first.</summary>
    private static string Utc(ColumnAccess c, string value)
        => c.ClrType == "global::System.DateTimeOffset" && !c.IsArray
            ? value + (c.IsNullable ? "?" : string.Empty) + ".ToUniversalTime()"
            : value;

    /// <summary>A statement writing <paramref name="value"/> into the binary importer <c>importer</c>.</summary>
    public static string Copy(ColumnAccess c, string value)
    {
        string write;
        var plain = c.IsNullable && c.IsValueType ? value + ".Value" : value;
        if (c.Enum is { } e)
        {
            var converted = e.Mapper + ".ToDb(" + plain + ")" + (c.IsArray ? "!" : string.Empty);
            write = e.NativeType is null
                ? "await importer.WriteAsync(" + converted + ", cancellationToken).ConfigureAwait(false);"
                : "await importer.WriteAsync(" + converted + ", " + CSharp.String(DataTypeName(e.NativeType) + (c.IsArray ? "[]" : string.Empty)) + ", cancellationToken).ConfigureAwait(false);";
        }
        else if (IsJsonPoco(c))
        {
            write = "await importer.WriteAsync(global::Schemata.SchemaJson.Serialize(" + plain + "), " + Jsonb + ", cancellationToken).ConfigureAwait(false);";
        }
        else if (c.Kind == StoreKind.Json)
        {
            write = "await importer.WriteAsync(" + plain + ", " + Jsonb + ", cancellationToken).ConfigureAwait(false);";
        }
        else
        {
            write = "await importer.WriteAsync(" + Utc(c with { IsNullable = false }, plain) + ", cancellationToken).ConfigureAwait(false);";
        }

        return c.IsNullable
            ? "if (" + value + " is null) { await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false); } else { " + write + " }"
            : write;
    }

    /// <summary>The columns as a method's parameters, named after their properties.</summary>
    public static string ParameterList(IEnumerable<ColumnAccess> columns)
        => string.Join(", ", columns.Select(x => PropertyType(x) + " " + ArgumentName(x)));

    /// <summary>Those parameters as the argument of a <c>TableCommands</c> call: one typed parameter, or an array of them.</summary>
    public static string Arguments(IReadOnlyList<ColumnAccess> columns)
        => columns.Count == 1
            ? Parameter(columns[0], ArgumentName(columns[0]))
            : "[" + string.Join(", ", columns.Select(x => Parameter(x, ArgumentName(x)))) + "]";

    /// <summary>
    /// Whether making a parameter of these columns can throw (an enum mapper refusing an undefined value, a JSON
    /// serializer). A method forwarding such a parameter is <c>async</c>, so that the error comes through its task, as
    /// from any other async method, rather than from the call; the others return the runtime's task as it is.
    /// </summary>
    public static bool Converts(IEnumerable<ColumnAccess> columns) => columns.Any(x => x.Enum is not null || IsJsonPoco(x));

    /// <summary>The name of the method parameter for the column: its property, camel-cased, escaped when a keyword.</summary>
    public static string ArgumentName(ColumnAccess c) => AccessBuilder.Identifier(AccessBuilder.Camel(c.Property));

    public static bool IsJsonPoco(ColumnAccess c)
        => c.Kind == StoreKind.Json && c.ClrType != "string" && Array.IndexOf(JsonTypes, c.ClrType) < 0;

    /// <summary><c>"s"."t"</c> → <c>s.t</c>: Npgsql's data type names are unquoted.</summary>
    private static string DataTypeName(string quoted) => quoted.Replace("\"", string.Empty);
}
