using Schemata;

// The generated Schema class goes into Workflows.Data, so several samples can be referenced side by side.
[assembly: SchemaNamespace("Workflows.Data")]
