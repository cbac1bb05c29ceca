// Exports of src/components are added here as constructs land.
export {};
