// Exports of src/image are added here as constructs land.
export {};
