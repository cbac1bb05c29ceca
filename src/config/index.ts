// Exports of src/config are added here as constructs land.
export {};
