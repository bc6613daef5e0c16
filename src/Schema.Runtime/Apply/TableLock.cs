namespace Schemata;

/// <summary>The table-level lock a statement takes, weakest first (PostgreSQL's lock modes).</summary>
public enum TableLock
{
    /// <summary>No table lock: schemas, types, grants, or a table created by the same apply.</summary>
    None,

    /// <summary><c>ACCESS SHARE</c>: taken by reads; blocks only <c>ACCESS EXCLUSIVE</c>.</summary>
    AccessShare,

    /// <summary><c>ROW EXCLUSIVE</c>: taken by writes; blocks <c>SHARE</c> and stronger.</summary>
    RowExclusive,

    /// <summary><c>SHARE UPDATE EXCLUSIVE</c>: concurrent index builds, <c>VALIDATE CONSTRAINT</c>; reads and writes go on.</summary>
    ShareUpdateExclusive,

    /// <summary><c>SHARE</c>: a plain <c>CREATE INDEX</c>; blocks writes, not reads.</summary>
    Share,

    /// <summary><c>SHARE ROW EXCLUSIVE</c>: adding a foreign key (on both tables); blocks writes, not reads.</summary>
    ShareRowExclusive,

    /// <summary><c>ACCESS EXCLUSIVE</c>: most <c>ALTER TABLE</c> forms; blocks reads and writes while held.</summary>
    AccessExclusive,
}
