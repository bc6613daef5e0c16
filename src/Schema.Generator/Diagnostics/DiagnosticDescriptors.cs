using Microsoft.CodeAnalysis;

namespace Schemata.Generator.Diagnostics;

/// <summary>The one catalog of diagnostics. Every id is documented in docs/diagnostics.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Schema";
    private const string HelpBase = "https://github.com/schemata/schema/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor EntityWithoutKey = Error(
        "SCH0001",
        "Entity has no primary key",
        "Entity '{0}' has no primary key: add a property named 'Id', mark one with [Key], or derive from Entity");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        "SCH0002",
        "Property type cannot be mapped to PostgreSQL",
        "Property '{0}' has type '{1}', which has no PostgreSQL mapping: {2}");

    public static readonly DiagnosticDescriptor FacetOnWrongType = Error(
        "SCH0003",
        "Length or precision on a type that has none",
        "[{0}] on '{1}' has no effect on type '{2}': {3}");

    public static readonly DiagnosticDescriptor ForeignKeyTargetNotEntity = Error(
        "SCH0004",
        "Foreign key to a type that is not an entity",
        "[ForeignKey] on '{0}' points to '{1}', which is not a [Table] entity in this project");

    public static readonly DiagnosticDescriptor ForeignKeyTypeMismatch = Error(
        "SCH0005",
        "Foreign key type differs from the referenced key",
        "'{0}' has type '{1}' but the key of '{2}' is '{3}': make both the same type");

    public static readonly DiagnosticDescriptor DuplicateTable = Error(
        "SCH0006",
        "Two entities map to the same table",
        "'{0}' and '{1}' both map to table '{2}': give one of them another name with [Table(\"...\")]");

    public static readonly DiagnosticDescriptor DuplicateColumn = Error(
        "SCH0007",
        "Two properties map to the same column",
        "'{0}' and '{1}' of '{2}' both map to column '{3}': rename one or set [Column(\"...\")]");

    public static readonly DiagnosticDescriptor IdentifierTooLong = Error(
        "SCH0008",
        "Identifier longer than 63 bytes",
        "'{0}' is {1} bytes long; PostgreSQL silently cuts names after 63 bytes: choose a shorter name");

    public static readonly DiagnosticDescriptor SoftDeleteWithoutDeletedAt = Error(
        "SCH0009",
        "Soft delete without a deleted_at property",
        "Soft delete on '{0}' needs a nullable timestamp column: {1}");

    public static readonly DiagnosticDescriptor UnknownProperty = Error(
        "SCH0010",
        "Attribute names an unknown property",
        "[{0}] on '{1}' names '{2}', which is not a mapped property of '{1}'");

    public static readonly DiagnosticDescriptor IdentityOnNonInteger = Error(
        "SCH0011",
        "Identity on a non-integer property",
        "[Identity] on '{0}' needs short, int or long, not '{1}'");

    public static readonly DiagnosticDescriptor NullableKey = Error(
        "SCH0012",
        "Nullable primary key",
        "Key property '{0}' is nullable; primary key columns are NOT NULL: {1}");

    public static readonly DiagnosticDescriptor EnumWithoutMapping = Error(
        "SCH0013",
        "Enum property without a database mapping",
        "Property '{0}' uses enum '{1}', which has no [DbEnum]: add [DbEnum] to the enum (native type) or [DbEnum(Storage = EnumStorage.Text)]");

    public static readonly DiagnosticDescriptor DuplicateEnumValue = Error(
        "SCH0014",
        "Two enum values map to the same database name",
        "Members '{0}' and '{1}' of enum '{2}' both map to '{3}': give one a different [DbEnumValue(\"...\")]");

    public static readonly DiagnosticDescriptor InvalidArgument = Error(
        "SCH0015",
        "Invalid attribute argument",
        "[{0}] has an invalid argument: {1}");

    public static readonly DiagnosticDescriptor CompositeForeignKeyTarget = Error(
        "SCH0016",
        "Foreign key to an entity with a composite key",
        "[ForeignKey] on '{0}' points to '{1}', whose key has {2} columns; a property-level foreign key needs a single-column key");

    public static readonly DiagnosticDescriptor MissingRuntime = Error(
        "SCH0017",
        "Schema.Runtime is not referenced",
        "The project declares entities but does not reference Schema.Runtime, which the generated code needs: add the Schema.Runtime package");

    public static readonly DiagnosticDescriptor ForeignKeyCycle = Warning(
        "SCH0018",
        "Foreign keys form a cycle between tables",
        "Foreign keys form a cycle between tables {0}: no row can be inserted before the row it references exists, so one key of the cycle must be nullable and set in a second step; make one of them nullable, or remove one");

    public static readonly DiagnosticDescriptor DateTimeProperty = Warning(
        "SCH0019",
        "DateTime property: use DateTimeOffset",
        "'{0}' is a DateTime; timestamptz only accepts DateTime values of Kind Utc, and Local or Unspecified values fail at run time: use DateTimeOffset");

    public static readonly DiagnosticDescriptor DecimalWithoutPrecision = Info(
        "SCH0020",
        "Decimal without precision",
        "'{0}' is a decimal without [Precision]: the column becomes numeric with unlimited precision and scale; add [Precision(precision, scale)]");

    public static readonly DiagnosticDescriptor UniqueCountsDeletedRows = Warning(
        "SCH0021",
        "Unique index on a soft-deletable table counts deleted rows",
        "[{0}] on soft-deletable '{1}' also counts deleted rows, so the value of a deleted row can never be used again: {2}");

    public static readonly DiagnosticDescriptor RenameHintMatchesNothing = Warning(
        "SCH0022",
        "Rename hint that renames nothing",
        "RenamedFrom = \"{0}\" on '{1}' renames nothing: {2}");

    public static readonly DiagnosticDescriptor DuplicateConstraintName = Error(
        "SCH0023",
        "Two constraints or indexes have the same name",
        "'{0}' is already the name of another constraint or index {1}: remove the duplicate or give one of them another Name");

    public static readonly DiagnosticDescriptor TimestampOnWrongType = Error(
        "SCH0024",
        "Timestamp attribute on a property that is not a timestamp",
        "[{0}] on '{1}' needs a DateTimeOffset property, not '{2}'");

    public static readonly DiagnosticDescriptor NullableAutoTimestamp = Warning(
        "SCH0025",
        "Database-set timestamp declared nullable",
        "[{0}] on '{1}': the database always sets this column, so it is never null: make the type non-nullable");

    public static readonly DiagnosticDescriptor JsonbOnNonJsonType = Warning(
        "SCH0026",
        "[Jsonb] on a type that is not stored as JSON",
        "[Jsonb] on '{0}' has no effect: '{1}' is stored as {2}; remove [Jsonb]");

    public static readonly DiagnosticDescriptor SetNullOnRequiredColumn = Error(
        "SCH0027",
        "SET NULL on a foreign key column that is not nullable",
        "{0} = ReferentialAction.SetNull on '{1}' would write NULL into a NOT NULL column: make '{1}' nullable or choose another action");

    public static readonly DiagnosticDescriptor DataStepDeclaredWrong = Error(
        "SCH0029",
        "Data step declared wrong",
        "Data step '{0}' cannot run: {1}");

    public static readonly DiagnosticDescriptor DuplicateEnumType = Error(
        "SCH0028",
        "Two enums map to the same database type",
        "'{0}' and '{1}' both map to type '{2}': give one of them another name with [DbEnum(\"...\")]");

    public static DiagnosticDescriptor? Find(string id) => id switch
    {
        "SCH0001" => EntityWithoutKey,
        "SCH0002" => UnsupportedType,
        "SCH0003" => FacetOnWrongType,
        "SCH0004" => ForeignKeyTargetNotEntity,
        "SCH0005" => ForeignKeyTypeMismatch,
        "SCH0006" => DuplicateTable,
        "SCH0007" => DuplicateColumn,
        "SCH0008" => IdentifierTooLong,
        "SCH0009" => SoftDeleteWithoutDeletedAt,
        "SCH0010" => UnknownProperty,
        "SCH0011" => IdentityOnNonInteger,
        "SCH0012" => NullableKey,
        "SCH0013" => EnumWithoutMapping,
        "SCH0014" => DuplicateEnumValue,
        "SCH0015" => InvalidArgument,
        "SCH0016" => CompositeForeignKeyTarget,
        "SCH0017" => MissingRuntime,
        "SCH0018" => ForeignKeyCycle,
        "SCH0019" => DateTimeProperty,
        "SCH0020" => DecimalWithoutPrecision,
        "SCH0021" => UniqueCountsDeletedRows,
        "SCH0022" => RenameHintMatchesNothing,
        "SCH0023" => DuplicateConstraintName,
        "SCH0024" => TimestampOnWrongType,
        "SCH0025" => NullableAutoTimestamp,
        "SCH0026" => JsonbOnNonJsonType,
        "SCH0027" => SetNullOnRequiredColumn,
        "SCH0028" => DuplicateEnumType,
        "SCH0029" => DataStepDeclaredWrong,
        _ => null,
    };

    /// <summary>Every descriptor, in id order.</summary>
    public static System.Collections.Generic.IEnumerable<DiagnosticDescriptor> All
    {
        get
        {
            for (var i = 1; Find("SCH" + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture)) is { } descriptor; i++)
            {
                yield return descriptor;
            }
        }
    }

    private static DiagnosticDescriptor Error(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Info(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Info);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
        => new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
