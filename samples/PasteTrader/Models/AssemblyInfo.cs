using Schemata;

// The generated Schema class goes into PasteTrader.Data, so several samples can be referenced side by side.
[assembly: SchemaNamespace("PasteTrader.Data")]
