namespace Schemata.Generator.Parsing;

/// <summary>Metadata names of the attributes the generator reads.</summary>
internal static class AttributeNames
{
    public const string Table = "Schemata.TableAttribute";
    public const string Column = "Schemata.ColumnAttribute";
    public const string Key = "Schemata.KeyAttribute";
    public const string Identity = "Schemata.IdentityAttribute";
    public const string Length = "Schemata.LengthAttribute";
    public const string MaxLength = "Schemata.MaxLengthAttribute";
    public const string Precision = "Schemata.PrecisionAttribute";
    public const string Index = "Schemata.IndexAttribute";
    public const string Unique = "Schemata.UniqueAttribute";
    public const string ForeignKey = "Schemata.ForeignKeyAttribute";
    public const string Check = "Schemata.CheckAttribute";
    public const string SoftDelete = "Schemata.SoftDeleteAttribute";
    public const string CreatedAt = "Schemata.CreatedAtAttribute";
    public const string UpdatedAt = "Schemata.UpdatedAtAttribute";
    public const string DeletedAt = "Schemata.DeletedAtAttribute";
    public const string Jsonb = "Schemata.JsonbAttribute";
    public const string Ignore = "Schemata.IgnoreAttribute";
    public const string DbEnum = "Schemata.DbEnumAttribute";
    public const string DbEnumValue = "Schemata.DbEnumValueAttribute";
    public const string Grant = "Schemata.GrantAttribute";
    public const string Backfill = "Schemata.BackfillAttribute";
    public const string DataStep = "Schemata.DataStepAttribute";
    public const string Session = "Schemata.SchemaSession";
    public const string SchemaNamespace = "Schemata.SchemaNamespaceAttribute";
    public const string RuntimeMarker = "Schemata.SchemaModel";
}
