#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>
/// A column's PostgreSQL type as parts, the way the catalog holds it: the type's name (<c>pg_type.typname</c> of the
/// element type, e.g. <c>int4</c>, <c>varchar</c>, <c>timestamptz</c>, or an enum's name), the schema of a type the
/// model or an extension defines, the type modifiers (<c>200</c>, <c>12,2</c>, <c>3</c>) and whether it is an array.
/// </summary>
/// <param name="Name">The type's name as the catalog knows it (<c>pg_type.typname</c> of the element type).</param>
/// <param name="Schema">The schema of a type that is not built in; <see langword="null"/> for built-in types and for types in the current schema.</param>
/// <param name="Modifiers">The type modifiers as PostgreSQL stores them, comma-separated without spaces; <see langword="null"/> when none.</param>
/// <param name="IsArray">Whether the column holds an array of the type.</param>
#if SCHEMA_GENERATOR
internal
#else
public
#endif
sealed record StoreType(string Name, string? Schema = null, string? Modifiers = null, bool IsArray = false)
{
    /// <summary>Whether the type is one of PostgreSQL's own, written without quotes.</summary>
    public bool IsBuiltIn => Schema is null && BuiltInTypes.Spelling(Name) is not null;

    /// <summary>The type as DDL writes it, e.g. <c>varchar(200)</c>, <c>timestamptz(3)</c> or <c>"priority"[]</c>.</summary>
    public string Sql => Ddl.TypeName(this);

    /// <summary>The element type of an array type; the type itself otherwise.</summary>
    public StoreType Element => IsArray ? this with { IsArray = false } : this;

    /// <inheritdoc/>
    public override string ToString() => Sql;
}
