"""The pieces every API resource shares: paging, permissions, errors, exports, schema helpers."""
