using System;
using System.Collections.Generic;

#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>
/// PostgreSQL's built-in types: the name the catalog knows each by (<c>pg_type.typname</c>, what a
/// <see cref="StoreType"/> holds), the spelling DDL uses for it, and the other spellings PostgreSQL accepts.
/// </summary>
internal static class BuiltInTypes
{
    /// <summary>Catalog name → the spelling the writer uses.</summary>
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal)
    {
        ["int2"] = "smallint",
        ["int4"] = "integer",
        ["int8"] = "bigint",
        ["bool"] = "boolean",
        ["float4"] = "real",
        ["float8"] = "double precision",
        ["numeric"] = "numeric",
        ["money"] = "money",
        ["varchar"] = "varchar",
        ["bpchar"] = "char",
        ["text"] = "text",
        ["uuid"] = "uuid",
        ["bytea"] = "bytea",
        ["timestamptz"] = "timestamptz",
        ["timestamp"] = "timestamp",
        ["date"] = "date",
        ["time"] = "time",
        ["timetz"] = "timetz",
        ["interval"] = "interval",
        ["json"] = "json",
        ["jsonb"] = "jsonb",
        ["xml"] = "xml",
        ["inet"] = "inet",
        ["cidr"] = "cidr",
        ["macaddr"] = "macaddr",
        ["macaddr8"] = "macaddr8",
        ["bit"] = "bit",
        ["varbit"] = "varbit",
        ["tsvector"] = "tsvector",
        ["tsquery"] = "tsquery",
        ["oid"] = "oid",
        ["point"] = "point",
        ["int4range"] = "int4range",
        ["int8range"] = "int8range",
        ["numrange"] = "numrange",
        ["tsrange"] = "tsrange",
        ["tstzrange"] = "tstzrange",
        ["daterange"] = "daterange",
    };

    /// <summary>Other spellings PostgreSQL accepts → catalog name. Multi-word spellings are single-spaced, lower case.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["smallint"] = "int2",
        ["integer"] = "int4",
        ["int"] = "int4",
        ["bigint"] = "int8",
        ["boolean"] = "bool",
        ["real"] = "float4",
        ["double precision"] = "float8",
        ["float"] = "float8",
        ["decimal"] = "numeric",
        ["character varying"] = "varchar",
        ["char varying"] = "varchar",
        ["character"] = "bpchar",
        ["char"] = "bpchar",
        ["timestamp with time zone"] = "timestamptz",
        ["timestamp without time zone"] = "timestamp",
        ["time with time zone"] = "timetz",
        ["time without time zone"] = "time",
        ["bit varying"] = "varbit",
    };

    /// <summary>The spelling DDL uses for a built-in catalog name, or <see langword="null"/> when it is not built in.</summary>
    public static string? Spelling(string catalogName) => Spellings.TryGetValue(catalogName, out var spelling) ? spelling : null;

    /// <summary>The catalog name for a lower-case, single-spaced spelling, or <see langword="null"/> when it names no built-in type.</summary>
    public static string? CatalogName(string spelling)
        => Aliases.TryGetValue(spelling, out var name) ? name : Spellings.ContainsKey(spelling) ? spelling : null;

    /// <summary>
    /// The modifiers PostgreSQL stores for a type written without them or with a short form, so that the model holds
    /// exactly what the catalog will: <c>char</c> is <c>char(1)</c>, <c>numeric(10)</c> is <c>numeric(10,0)</c>.
    /// </summary>
    public static string? CanonicalModifiers(string catalogName, string? modifiers)
    {
        switch (catalogName)
        {
            case "bpchar":
            case "bit":
                return modifiers ?? "1";
            case "numeric":
                return modifiers is not null && modifiers.IndexOf(',') < 0 ? modifiers + ",0" : modifiers;
            default:
                return modifiers;
        }
    }
}
