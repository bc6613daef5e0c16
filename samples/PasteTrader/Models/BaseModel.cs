using Schemata;

namespace PasteTrader.Models;

/// <summary>
/// SPEC-001 REQ-003: the base model. <see cref="SoftDeletableEntity"/> brings the three mixins as inherited,
/// attribute-marked properties the generator walks: <c>id uuid DEFAULT gen_random_uuid()</c> (UUIDMixin),
/// <c>created_at</c> / <c>updated_at timestamptz</c> set by the database clock, every generated UPDATE moving
/// <c>updated_at</c> (TimestampMixin), and <c>deleted_at timestamptz NULL</c> (SoftDeleteMixin).
/// </summary>
public abstract class BaseModel : SoftDeletableEntity
{
    /// <summary>SoftDeleteMixin's computed <c>is_deleted</c>: derived from <c>deleted_at</c>, not stored.</summary>
    [Ignore]
    public bool IsDeleted => DeletedAt is not null;
}
