// Exports of src/runtime are added here as constructs land.
export {};
